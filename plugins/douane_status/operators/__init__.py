"""The operators' tasks: compose a new event, an update or a close, check it, then write it
atomically; pruning.
"""

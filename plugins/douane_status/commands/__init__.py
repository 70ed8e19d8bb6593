"""The commands behind tasks.py: parse options, call the layers below, print, return an exit
status.
"""

"""The protocol's rules, one function each, and the loading of all content with every check
applied.
"""

"""The protocol's rules, one function each, grouped by subject and listed in ``registry``; and
``content.load_content``, which reads everything and applies every rule. Uses ``domain`` and
``reading``.
"""

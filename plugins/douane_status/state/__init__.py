"""What the events mean at a given moment: phases, system states, what is published and retained.
Uses only ``domain``.
"""

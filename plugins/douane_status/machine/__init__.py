"""What machines read: feeds, calendars, the status API and badges, from the same published events
as the pages. Uses the layers up to ``reports``.
"""

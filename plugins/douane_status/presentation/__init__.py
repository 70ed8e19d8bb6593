"""What every output shares: words in both languages, Markdown, page addresses and the subscription
channels. Uses ``domain`` and ``state``.
"""

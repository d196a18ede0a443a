"""The explorer: a read-only REST API over the store and offline web pages (``khabar serve``)."""

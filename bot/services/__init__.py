"""Business logic shared by Telegram handlers, the web panel and the command line."""

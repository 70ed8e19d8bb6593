"""What each page of the site shows, in each language: the views the theme's templates render."""

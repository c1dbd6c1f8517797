"""Reading pages of layouts no profile knows: where the story is, what kind of page it is, what a URL
looks like. Pure functions over a parsed page, used by the generic profile and its listing source."""

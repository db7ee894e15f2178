"""Genre Tagger: listens to a music collection and suggests genre tags.

The core (everything in this package except ``tagger.gui``) has no Qt in it.
"""

__version__ = "0.1.0"

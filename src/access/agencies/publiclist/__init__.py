"""ICE's public 287(g) list: the pure reader and history rules (``ice287g``), the database
import (``importer``), the staff pages (``views``) and the public transparency page.

Its models live in ``access.agencies.models.publiclist`` (the agencies app's tables); this
package holds everything else about the list.
"""

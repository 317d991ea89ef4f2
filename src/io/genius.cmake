# GENIUS XML import (owned by the outcome-space engine, issue 3).
list(APPEND PARLEY_IO_SOURCES genius_xml.c genius_profile.c genius_folder.c)

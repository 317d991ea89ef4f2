# GENIUS XML export (parley convert scenario.yaml -o DIR).
list(APPEND PARLEY_IO_SOURCES genius_write.c yaml_write.c)

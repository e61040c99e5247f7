"""rashomon's command line: a thin layer of arguments, input and rendering over `extractors`."""

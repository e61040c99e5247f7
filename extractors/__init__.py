"""rashomon's library: articles in, typed records of accusations, casualties and statements out.

Plain functions and dataclasses; nothing here prints. See `extractors.analyze`.
"""
__version__ = "0.1.0"

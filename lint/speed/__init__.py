"""Faster stand-ins for re.compile, yaml.safe_load and entry points, kept between runs; each
falls back to the standard one."""

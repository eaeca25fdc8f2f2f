"""The floor under everything: content digests, the file cache, atomic writes, the parallel
map, build progress and the code digest. Not a Pelican plugin, and it imports no package of
ours (``tests/test_architecture.py`` keeps it so): any layer may use it, it uses none."""

"""Pelican plugin: the data layer (``data/`` loaded, checked and published as a view). The
build driver (``label_build.driver``) runs it before Pelican and puts the view in Pelican's
settings; a plain ``pelican`` run is stopped by ``label_build`` with a message naming
``make html``. Nothing to connect here: the package is registered so that its place among the
plugins is explicit."""


def register() -> None:
    pass

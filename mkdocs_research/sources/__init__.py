"""Scholarly metadata services: where ``add``, ``sync`` and ``citations`` get their data.

Only the command-line tool uses this package; a build never touches the network. Each module
turns one service's replies into :class:`~mkdocs_research.sources.work.Work` records:
Crossref and DataCite (DOIs), arXiv, dblp, OpenAlex and ORCID. :mod:`.client` is the one way
out to the network, with timeouts, retries and the services' etiquette.
"""

"""Results of survey rounds, one module per concept.

``loading`` reads a round's answers and scores them; ``stats`` aggregates one statistic with the
anonymity rule; ``disclosure`` decides which cells may be shown together; ``breakdown`` builds a
round's results per instrument and group; ``trends`` follows rounds over time and compares two;
``quadrant`` counts the network-nature positions; ``dip`` is the network-dip assessment;
``visibility`` says who sees which round. ``views``, ``api``, ``export`` and ``urls`` are the
pages, endpoints and xlsx built on them.
"""

from tests.jobs import worker_kinds  # noqa: F401  (registers the test job kinds)

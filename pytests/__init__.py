"""The test suite. A package, so the tests import their shared helpers as ``pytests.support``."""

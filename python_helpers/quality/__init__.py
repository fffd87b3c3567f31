"""Data-quality layer: great-expectations suites (``suites``), the runner behind
``python -m python_helpers quality`` (``runner``) and the HTML quality report
(``report``)."""

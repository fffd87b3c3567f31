from python_helpers.cli import main

raise SystemExit(main())

from eventx.cli import main

raise SystemExit(main())

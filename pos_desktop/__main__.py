from pos_desktop.cli import main

raise SystemExit(main())

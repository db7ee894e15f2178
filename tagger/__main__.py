from tagger.cli import main

raise SystemExit(main())

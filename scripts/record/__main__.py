import sys

from scripts.record.recorder import main

sys.exit(main())

import sys

from scripts.replay.serve import main

sys.exit(main())

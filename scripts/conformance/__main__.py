import sys

from scripts.conformance.run import main

sys.exit(main())

import sys

from unionnews.cli import main

sys.exit(main())

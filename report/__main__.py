import sys

from report.build import main

sys.exit(main())

import sys

from rtw_build.build import main

sys.exit(main())

import sys

from seat_app.cli import main

sys.exit(main())

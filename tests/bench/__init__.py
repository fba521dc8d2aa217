"""`make bench`: start the production server stack on loopback and measure pages
against a minimal Django view served by the same stack in the same run."""

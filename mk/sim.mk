# make sim: a simulated month (2027-03-08 .. 04-10, across the US and NZ
# daylight-time changes) of examples/cron.sh every 30 minutes for a shop in
# New York with customers in Kolkata, Auckland and Phoenix, checked message
# by message (tests/sim/check.py); SIM_SEEDS picks the shops.  A short one
# (tests/scripts/sim-short.sh) is part of make check.
SIM_SEEDS ?= 1 2 3
SIM_ARGS  ?=
sim: all
	@st=0; for seed in $(SIM_SEEDS); do \
	  echo "== seed $$seed"; \
	  PATH="$(CURDIR):$$PATH" /usr/bin/python3 tests/sim/month.py --seed $$seed $(SIM_ARGS) || st=1; \
	done; exit $$st

.PHONY: sim

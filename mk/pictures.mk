# README's two pictures (doc/) are the demo's: `make demo` writes them to
# examples/out/ only, leaving every tracked file alone; `make pictures` copies
# them to doc/ (tests/scripts/readme-tour.sh fails when doc/ is not what the
# programs draw now).
pictures: demo
	cp examples/out/churn.svg doc/churn.svg
	if [ -f examples/out/referrals.svg ]; then cp examples/out/referrals.svg doc/referrals.svg; fi

.PHONY: pictures

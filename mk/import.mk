# fu-import: the benchmark's data generator and the plain libcsv round trip it
# is compared with (built into bench/data, which git ignores).
IMPORT_BENCH := bench/data/gen-contacts bench/data/csvcat

bench/data/gen-contacts: bench/gen-contacts.c
	@mkdir -p bench/data
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $<

bench/data/csvcat: bench/csvcat.c
	@mkdir -p bench/data
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< -lcsv

bench: $(IMPORT_BENCH)

# make deb: a Debian package of the whole toolkit, fu_VERSION-1_ARCH.deb, built
# with dpkg-deb from the staged `make install` (PREFIX=/usr); its Depends come
# from dpkg-shlibdeps on the programs (libcsv3, libpcre2-8-0, libnlopt0 once a
# program links nlopt), and lintian checks it (errors fail the build).
# DEBDIR is where the .deb is written; DEB_MAINTAINER names the packager.
DEB_VERSION    := $(shell sed -n 's/^\#define FU_VERSION "\(.*\)"/\1/p' src/fu.h)-1
DEB_ARCH       := $(shell dpkg --print-architecture 2>/dev/null)
DEBDIR         ?= .
DEB_MAINTAINER ?= fu authors <fu@example.org>
DEB_STAGE      := build/deb
DEB_FILE        = $(DEBDIR)/fu_$(DEB_VERSION)_$(DEB_ARCH).deb

deb: all
	rm -rf $(DEB_STAGE)
	$(MAKE) -s install DESTDIR=$(CURDIR)/$(DEB_STAGE)/root PREFIX=/usr
	cd $(DEB_STAGE)/root && strip --strip-unneeded --remove-section=.comment \
	  --remove-section=.note usr/bin/fu-*
	gzip -9n $(DEB_STAGE)/root/usr/share/man/man*/*
	mkdir -p $(DEB_STAGE)/root/usr/share/doc/fu $(DEB_STAGE)/root/DEBIAN \
	  $(DEB_STAGE)/shlibs/debian
	sh mk/deb-copyright.sh LICENSE >$(DEB_STAGE)/root/usr/share/doc/fu/copyright
	{ echo "fu ($(DEB_VERSION)) unstable; urgency=medium"; echo; \
	  echo "  * Built from git $$(git describe --always --dirty 2>/dev/null || echo 'a source tree')."; \
	  echo; echo " -- $(DEB_MAINTAINER)  $$(date -R -d @$$(git log -1 --format=%ct 2>/dev/null || date +%s))"; } \
	  | gzip -9n >$(DEB_STAGE)/root/usr/share/doc/fu/changelog.Debian.gz
	printf 'Source: fu\n\nPackage: fu\nArchitecture: any\n' >$(DEB_STAGE)/shlibs/debian/control
	cd $(DEB_STAGE)/shlibs && dpkg-shlibdeps -O $(patsubst %,../root/usr/bin/%,$(PROGS)) \
	  | sed -n 's/^shlibs:Depends=//p' >../depends
	{ echo "Package: fu"; echo "Version: $(DEB_VERSION)"; echo "Architecture: $(DEB_ARCH)"; \
	  echo "Maintainer: $(DEB_MAINTAINER)"; \
	  echo "Installed-Size: $$(du -sk --exclude=DEBIAN $(DEB_STAGE)/root | cut -f1)"; \
	  echo "Depends: $$(cat $(DEB_STAGE)/depends)"; \
	  echo "Section: utils"; echo "Priority: optional"; \
	  echo "Description: customer follow-up filters over CSV streams"; \
	  echo " Small programs that read and write CSV on standard input and output:"; \
	  echo " fu-import turns CRM and shop exports into contacts and events, fu-schedule"; \
	  echo " plans follow-up tasks, fu-render writes the messages, fu-churn scores"; \
	  echo " customers at risk and fu-referrals keeps the referral ledger."; } \
	  >$(DEB_STAGE)/root/DEBIAN/control
	cd $(DEB_STAGE)/root && find usr -type f | sort | xargs md5sum >DEBIAN/md5sums
	find $(DEB_STAGE)/root -type d -exec chmod 755 {} +
	mkdir -p $(DEBDIR)
	dpkg-deb --root-owner-group -Zxz --build $(DEB_STAGE)/root $(DEB_FILE)
	lintian --fail-on error $(DEB_FILE)

clean: deb-clean
deb-clean:
	rm -rf build/deb

.PHONY: deb deb-clean

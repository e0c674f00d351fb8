# fu-render: the example templates are built into the program, so that
# `fu-schedule --due | fu-render` works with no --templates.
RENDER_TPL := $(sort $(wildcard examples/templates/*.mustache))

# the directory too: a file added or removed changes the list
src/fu-render.tpl.h: $(RENDER_TPL) examples/templates mk/render.mk
	@{ echo '/* generated from examples/templates by mk/render.mk: do not edit */'; \
	  echo 'static const struct embedded_file embedded_templates[] = {'; \
	  for f in $(RENDER_TPL); do \
	    printf '\t{"%s",\n\t "' "$${f##*/}"; \
	    od -An -v -tx1 "$$f" | tr -d ' \n' | sed 's/\(..\)/\\x\1/g'; \
	    printf '",\n\t %s},\n' "$$(wc -c <"$$f" | tr -d ' ')"; \
	  done; \
	  echo '	{0, 0, 0},'; echo '};'; } >$@.tmp && mv $@.tmp $@

fu-render: src/fu-render.tpl.h

clean: render-clean
render-clean:
	rm -f src/fu-render.tpl.h

.PHONY: render-clean

LDLIBS += -lidn2

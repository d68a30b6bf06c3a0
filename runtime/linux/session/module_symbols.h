/*
 * linux/session/module_symbols.h - where a loaded module's symbol is now,
 * for target variables at fixed addresses of a module's DWARF (the
 * translator names them by symbol + offset: the kernel chose the module's
 * layout when it loaded it). Defined in module_symbols.c.
 */
#ifndef _STP_RUNTIME_LINUX_MODULE_SYMBOLS_H_
#define _STP_RUNTIME_LINUX_MODULE_SYMBOLS_H_

/* The run-time address of `symbol` of the loaded module `module`, or 0
 * when that module is not loaded or has no such symbol. */
unsigned long _stp_module_symbol(const char *module, const char *symbol);

#endif /* _STP_RUNTIME_LINUX_MODULE_SYMBOLS_H_ */

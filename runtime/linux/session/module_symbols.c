/*
 * linux/session/module_symbols.c - a loaded module's symbol by name.
 *
 * find_module() is not exported, so the kernel's list of modules is walked
 * from our own entry in it, under RCU as the kernel's readers walk it. That
 * list's head is a variable of the kernel image, not a struct module: it is
 * the one node outside the modules' address range, and is skipped. The
 * symbol is looked up in the module's kallsyms table, whose values the
 * loader relocated; data symbols are there with CONFIG_KALLSYMS_ALL (set in
 * the Debian kernels we target). Each call is bounded by the number of
 * modules and their symbols.
 */
#include "module_symbols.h"

#include <linux/module.h>
#include <linux/rcupdate.h>
#include <linux/string.h>
#include <asm/pgtable_types.h>

unsigned long _stp_module_symbol(const char *module, const char *symbol)
{
	unsigned long addr = 0;
#ifdef CONFIG_KALLSYMS
	struct list_head *node;

	rcu_read_lock();
	list_for_each_rcu(node, &THIS_MODULE->list) {
		struct module *mod;
		struct mod_kallsyms *ks;
		unsigned int i;

		if ((unsigned long)node < MODULES_VADDR ||
		    (unsigned long)node >= MODULES_END)
			continue;	/* the list's head */
		mod = list_entry(node, struct module, list);
		if (mod->state == MODULE_STATE_UNFORMED ||
		    strcmp(mod->name, module) != 0)
			continue;
		ks = rcu_dereference(mod->kallsyms);
		for (i = 0; ks && i < ks->num_symtab; i++) {
			const Elf_Sym *s = &ks->symtab[i];

			if (s->st_shndx != SHN_UNDEF &&
			    strcmp(ks->strtab + s->st_name, symbol) == 0) {
				addr = s->st_value;
				break;
			}
		}
		break;
	}
	rcu_read_unlock();
#endif
	return addr;
}

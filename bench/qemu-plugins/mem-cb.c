/* Benchmark plugin (c): a callback on every memory access, counting loads and stores. */
#include <stdio.h>
#include "qemu-plugin-v1.h"

QEMU_PLUGIN_EXPORT int qemu_plugin_version = 1;

static uint64_t loads, stores;

static void on_mem(unsigned int vcpu, qemu_plugin_meminfo_t info, uint64_t vaddr, void *udata)
{
    (void)vcpu;
    (void)vaddr;
    (void)udata;
    if (qemu_plugin_mem_is_store(info)) {
        stores++;
    } else {
        loads++;
    }
}

static void on_trans(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
    size_t n = qemu_plugin_tb_n_insns(tb);
    (void)id;
    for (size_t i = 0; i < n; i++) {
        qemu_plugin_register_vcpu_mem_cb(qemu_plugin_tb_get_insn(tb, i), on_mem,
                                         QEMU_PLUGIN_CB_NO_REGS, QEMU_PLUGIN_MEM_RW, NULL);
    }
}

static void on_atexit(qemu_plugin_id_t id, void *udata)
{
    char line[96];
    (void)id;
    (void)udata;
    snprintf(line, sizeof line, "loads: %llu stores: %llu\n", (unsigned long long)loads,
             (unsigned long long)stores);
    qemu_plugin_outs(line);
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id, const void *info, int argc,
                                           char **argv)
{
    (void)info;
    (void)argc;
    (void)argv;
    qemu_plugin_register_vcpu_tb_trans_cb(id, on_trans);
    qemu_plugin_register_atexit_cb(id, on_atexit, NULL);
    return 0;
}

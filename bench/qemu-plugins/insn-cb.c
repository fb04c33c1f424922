/* Benchmark plugin (b): a callback before every instruction, counting them. */
#include <stdio.h>
#include "qemu-plugin-v1.h"

QEMU_PLUGIN_EXPORT int qemu_plugin_version = 1;

static uint64_t insns;

static void on_insn(unsigned int vcpu, void *udata)
{
    (void)vcpu;
    (void)udata;
    insns++;
}

static void on_trans(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
    size_t n = qemu_plugin_tb_n_insns(tb);
    (void)id;
    for (size_t i = 0; i < n; i++) {
        qemu_plugin_register_vcpu_insn_exec_cb(qemu_plugin_tb_get_insn(tb, i), on_insn,
                                               QEMU_PLUGIN_CB_NO_REGS, NULL);
    }
}

static void on_atexit(qemu_plugin_id_t id, void *udata)
{
    char line[64];
    (void)id;
    (void)udata;
    snprintf(line, sizeof line, "insns: %llu\n", (unsigned long long)insns);
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

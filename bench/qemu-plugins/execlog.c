/*
 * Benchmark plugin (d): an execlog-style trace, one line per executed instruction with its
 * memory accesses, written through QEMU's log (run with `-d plugin -D FILE`):
 *   0, 0x40100010, 0xe0800001, "add r0, r0, r1"
 *   0, 0x40100034, 0xe4832004, "str r2, [r3], #4", store, 0x42001000, RAM
 * The same line format as tsemu's contrib/plugins/execlog.ts (QEMU's execlog without
 * register tracking); a line is written when the next instruction starts, the last at exit.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "qemu-plugin-v1.h"

QEMU_PLUGIN_EXPORT int qemu_plugin_version = 1;

static char line[1024];
static size_t len;

static void append(const char *fmt, ...)
{
    va_list ap;
    int n;
    if (len >= sizeof line - 2) {
        return;
    }
    va_start(ap, fmt);
    n = vsnprintf(line + len, sizeof line - 2 - len, fmt, ap);
    va_end(ap);
    if (n > 0) {
        len += (size_t)n < sizeof line - 2 - len ? (size_t)n : sizeof line - 3 - len;
    }
}

static void flush_line(void)
{
    if (len == 0) {
        return;
    }
    line[len++] = '\n';
    line[len] = '\0';
    qemu_plugin_outs(line);
    len = 0;
}

static void on_insn(unsigned int vcpu, void *udata)
{
    flush_line();
    append("%u, %s", vcpu, (const char *)udata);
}

static void on_mem(unsigned int vcpu, qemu_plugin_meminfo_t info, uint64_t vaddr, void *udata)
{
    struct qemu_plugin_hwaddr *hw = qemu_plugin_get_hwaddr(info, vaddr);
    (void)vcpu;
    (void)udata;
    append(qemu_plugin_mem_is_store(info) ? ", store" : ", load");
    if (hw) {
        append(", 0x%08llx, %s", (unsigned long long)qemu_plugin_hwaddr_phys_addr(hw),
               qemu_plugin_hwaddr_is_io(hw) ? qemu_plugin_hwaddr_device_name(hw) : "RAM");
    } else {
        append(", 0x%08llx", (unsigned long long)vaddr);
    }
}

static void on_trans(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
    size_t n = qemu_plugin_tb_n_insns(tb);
    (void)id;
    for (size_t i = 0; i < n; i++) {
        struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);
        uint32_t opcode = 0;
        size_t size = qemu_plugin_insn_size(insn);
        char *disas = qemu_plugin_insn_disas(insn);
        char *text;
        int tlen;
        memcpy(&opcode, qemu_plugin_insn_data(insn), size < 4 ? size : 4);
        tlen = snprintf(NULL, 0, "0x%llx, 0x%x, \"%s\"",
                        (unsigned long long)qemu_plugin_insn_vaddr(insn), opcode,
                        disas ? disas : "");
        /* Kept for the life of the translation, as QEMU's execlog does. */
        text = malloc((size_t)tlen + 1);
        if (text) {
            snprintf(text, (size_t)tlen + 1, "0x%llx, 0x%x, \"%s\"",
                     (unsigned long long)qemu_plugin_insn_vaddr(insn), opcode,
                     disas ? disas : "");
            qemu_plugin_register_vcpu_insn_exec_cb(insn, on_insn, QEMU_PLUGIN_CB_NO_REGS, text);
            qemu_plugin_register_vcpu_mem_cb(insn, on_mem, QEMU_PLUGIN_CB_NO_REGS,
                                             QEMU_PLUGIN_MEM_RW, NULL);
        }
        free(disas);
    }
}

static void on_atexit(qemu_plugin_id_t id, void *udata)
{
    (void)id;
    (void)udata;
    flush_line();
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

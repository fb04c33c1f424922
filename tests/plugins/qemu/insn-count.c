/*
 * insn-count: a minimal plugin for Debian's qemu-system-arm 7.2 (plugin API version 1), written
 * for tsemu's tests. It counts executed instructions with a per-instruction callback (so an
 * instruction counts once its callback ran, even if it then raised an exception) and memory
 * accesses by direction, size and RAM/IO, and prints one JSON object through the plugin log
 * at exit (run QEMU with `-d plugin -D FILE`).
 *
 * QEMU 7.2 ships no qemu-plugin.h: the few declarations below are this file's own, following
 * the version 1 ABI (opaque handles, uint64_t plugin ids, uint32_t meminfo).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdbool.h>
#include <stddef.h>

typedef uint64_t plugin_id;
typedef uint32_t meminfo;
struct qemu_plugin_tb;
struct qemu_plugin_insn;
struct qemu_plugin_hwaddr;

typedef void (*trans_fn)(plugin_id id, struct qemu_plugin_tb *tb);
typedef void (*vcpu_fn)(unsigned int vcpu, void *udata);
typedef void (*mem_fn)(unsigned int vcpu, meminfo info, uint64_t vaddr, void *udata);
typedef void (*exit_fn)(plugin_id id, void *udata);

void qemu_plugin_register_vcpu_tb_trans_cb(plugin_id id, trans_fn cb);
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb *tb);
struct qemu_plugin_insn *qemu_plugin_tb_get_insn(const struct qemu_plugin_tb *tb, size_t idx);
void qemu_plugin_register_vcpu_insn_exec_cb(struct qemu_plugin_insn *insn, vcpu_fn cb,
                                            int flags, void *udata);
void qemu_plugin_register_vcpu_mem_cb(struct qemu_plugin_insn *insn, mem_fn cb, int flags,
                                      int rw, void *udata);
unsigned int qemu_plugin_mem_size_shift(meminfo info);
bool qemu_plugin_mem_is_store(meminfo info);
bool qemu_plugin_mem_is_sign_extended(meminfo info);
struct qemu_plugin_hwaddr *qemu_plugin_get_hwaddr(meminfo info, uint64_t vaddr);
bool qemu_plugin_hwaddr_is_io(const struct qemu_plugin_hwaddr *haddr);
void qemu_plugin_register_atexit_cb(plugin_id id, exit_fn cb, void *udata);
void qemu_plugin_outs(const char *text);

__attribute__((visibility("default"))) int qemu_plugin_version = 1;

enum { NO_REGS = 0, MEM_RW = 3 };

static uint64_t insns;
/* [store][size shift]: 8, 16, 32 and 64 bits */
static uint64_t accesses[2][4];
static uint64_t signed_loads;
static uint64_t io_accesses;

static void on_insn(unsigned int vcpu, void *udata)
{
    (void)vcpu;
    (void)udata;
    insns++;
}

static void on_mem(unsigned int vcpu, meminfo info, uint64_t vaddr, void *udata)
{
    struct qemu_plugin_hwaddr *hw = qemu_plugin_get_hwaddr(info, vaddr);
    bool store = qemu_plugin_mem_is_store(info);
    (void)vcpu;
    (void)udata;
    accesses[store][qemu_plugin_mem_size_shift(info) & 3]++;
    if (!store && qemu_plugin_mem_is_sign_extended(info)) {
        signed_loads++;
    }
    if (hw && qemu_plugin_hwaddr_is_io(hw)) {
        io_accesses++;
    }
}

static void on_trans(plugin_id id, struct qemu_plugin_tb *tb)
{
    size_t n = qemu_plugin_tb_n_insns(tb);
    (void)id;
    for (size_t i = 0; i < n; i++) {
        struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);
        qemu_plugin_register_vcpu_insn_exec_cb(insn, on_insn, NO_REGS, NULL);
        qemu_plugin_register_vcpu_mem_cb(insn, on_mem, NO_REGS, MEM_RW, NULL);
    }
}

static void on_exit(plugin_id id, void *udata)
{
    char line[512];
    (void)id;
    (void)udata;
    snprintf(line, sizeof line,
             "{\"insns\": %llu, \"loads\": [%llu, %llu, %llu, %llu], "
             "\"stores\": [%llu, %llu, %llu, %llu], \"signedLoads\": %llu, \"io\": %llu}\n",
             (unsigned long long)insns, (unsigned long long)accesses[0][0],
             (unsigned long long)accesses[0][1], (unsigned long long)accesses[0][2],
             (unsigned long long)accesses[0][3], (unsigned long long)accesses[1][0],
             (unsigned long long)accesses[1][1], (unsigned long long)accesses[1][2],
             (unsigned long long)accesses[1][3], (unsigned long long)signed_loads,
             (unsigned long long)io_accesses);
    qemu_plugin_outs(line);
}

__attribute__((visibility("default")))
int qemu_plugin_install(plugin_id id, const void *info, int argc, char **argv)
{
    (void)info;
    (void)argc;
    (void)argv;
    qemu_plugin_register_vcpu_tb_trans_cb(id, on_trans);
    qemu_plugin_register_atexit_cb(id, on_exit, NULL);
    return 0;
}

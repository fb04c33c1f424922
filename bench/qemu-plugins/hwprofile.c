/*
 * Benchmark plugin (e): hwprofile-style device access counts. A callback on every memory
 * access keeps, for accesses that reach a device (not RAM), read and write counts per device,
 * and the report is written through QEMU's log at exit:
 *   Device, Address (the lowest accessed), Reads, Writes
 *   pl011, 0x9000000, 412, 409
 * A simplification of QEMU's contrib/plugins/hwprofile.c (no options, one vCPU, no lock).
 */
#include <stdio.h>
#include <string.h>
#include "qemu-plugin-v1.h"

QEMU_PLUGIN_EXPORT int qemu_plugin_version = 1;

#define MAX_DEVICES 64

struct device {
    const char *name;
    uint64_t base;
    uint64_t reads, writes;
};

static struct device devices[MAX_DEVICES];
static size_t n_devices;

static struct device *device_of(const char *name, uint64_t phys)
{
    for (size_t i = 0; i < n_devices; i++) {
        if (devices[i].name == name || strcmp(devices[i].name, name) == 0) {
            if (phys < devices[i].base) {
                devices[i].base = phys;
            }
            return &devices[i];
        }
    }
    if (n_devices == MAX_DEVICES) {
        return NULL;
    }
    devices[n_devices].name = name;
    devices[n_devices].base = phys;
    return &devices[n_devices++];
}

static void on_mem(unsigned int vcpu, qemu_plugin_meminfo_t info, uint64_t vaddr, void *udata)
{
    struct qemu_plugin_hwaddr *hw = qemu_plugin_get_hwaddr(info, vaddr);
    struct device *d;
    (void)vcpu;
    (void)udata;
    if (!hw || !qemu_plugin_hwaddr_is_io(hw)) {
        return;
    }
    d = device_of(qemu_plugin_hwaddr_device_name(hw), qemu_plugin_hwaddr_phys_addr(hw));
    if (!d) {
        return;
    }
    if (qemu_plugin_mem_is_store(info)) {
        d->writes++;
    } else {
        d->reads++;
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
    char line[256];
    (void)id;
    (void)udata;
    qemu_plugin_outs("Device, Address, Reads, Writes\n");
    for (size_t i = 0; i < n_devices; i++) {
        snprintf(line, sizeof line, "%s, 0x%llx, %llu, %llu\n", devices[i].name,
                 (unsigned long long)devices[i].base, (unsigned long long)devices[i].reads,
                 (unsigned long long)devices[i].writes);
        qemu_plugin_outs(line);
    }
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

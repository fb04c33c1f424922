@ a32misc: corner cases of A32 system and load/store instructions, as QEMU 7.2
@ runs them: the exclusive monitor (kept across exceptions, compared by value,
@ STREXB after LDREX of a word), SWP without SCTLR.SW, UNPREDICTABLE
@ load/store forms (writeback to the base or the pc, partial LDRD/LDM faults),
@ the user-register forms of LDM/STM in System mode, SRS/RFE/ERET corner
@ cases, conditional BKPT/HVC/UNDEFINED encodings, PSR writes with invalid
@ modes, and PSCI answers to unusual function ids.
@
@ Each case prints "name: " then the exception it took (none, UND, SVC, PABT,
@ DABT with LR relative to the instruction, FSR and FAR) and r0-r3 afterwards.
        .include "lib.inc"

        .equ EXC_NONE, 0
        .equ EXC_UND, 1
        .equ EXC_SVC, 2
        .equ EXC_PABT, 3
        .equ EXC_DABT, 4

        .equ REC_TYPE, 0
        .equ REC_LR, 4
        .equ REC_SPSR, 8
        .equ REC_FSR, 12
        .equ REC_FAR, 16

        .equ SVC_TO_SVC, 0x5c           @ SVC immediate: return to the caller in SVC mode
        .equ UNASSIGNED, 0x50000000     @ first address after 256 MiB of RAM

@ Run \insn after \setup; print "\name: " then the exception record and r0-r3.
        .macro TCASE name, setup, insn
        PUTS    "\name: "
        bl      rec_clear
        \setup
9003:   \insn
        push    {r0-r3}
        MOV32   r0, 9003b
        bl      rec_print
        pop     {r0-r3}
        bl      print_regs
        .endm

        .text
        .balign 32
vectors:
        b       unexpected
        b       und_handler
        b       svc_handler
        b       pabt_handler
        b       dabt_handler
        b       unexpected
        b       unexpected
        b       unexpected
unexpected:
        MOV32   r0, default_vectors
        mcr     p15, 0, r0, c12, c0, 0
        isb
        PUTS    "UNEXPECTED vector\n"
        b       psci_off

@ Record type \type, LR and SPSR (uses r0, r1; r0 = record address after).
        .macro RECORD type
        MOV32   r0, rec
        mov     r1, #\type
        str     r1, [r0, #REC_TYPE]
        str     lr, [r0, #REC_LR]
        mrs     r1, spsr
        str     r1, [r0, #REC_SPSR]
        .endm

und_handler:
        push    {r0, r1}
        RECORD  EXC_UND
        pop     {r0, r1}
        movs    pc, lr
@ SVC #SVC_TO_SVC returns in SVC mode (used to leave User mode); any other SVC
@ is recorded.
svc_handler:
        push    {r0, r1}
        ldr     r0, [lr, #-4]
        and     r0, r0, #0xff
        cmp     r0, #SVC_TO_SVC
        beq     1f
        RECORD  EXC_SVC
        pop     {r0, r1}
        movs    pc, lr
1:      mrs     r0, spsr
        bic     r0, r0, #PSR_MODE_MASK
        orr     r0, r0, #MODE_SVC
        msr     spsr_fsxc, r0
        pop     {r0, r1}
        movs    pc, lr
@ Prefetch abort (BKPT): record IFSR/IFAR, resume after the instruction.
pabt_handler:
        push    {r0, r1}
        RECORD  EXC_PABT
        mrc     p15, 0, r1, c5, c0, 1
        str     r1, [r0, #REC_FSR]
        mrc     p15, 0, r1, c6, c0, 2
        str     r1, [r0, #REC_FAR]
        pop     {r0, r1}
        movs    pc, lr
@ Data abort: record DFSR/DFAR, skip the faulting instruction.
dabt_handler:
        push    {r0, r1}
        RECORD  EXC_DABT
        mrc     p15, 0, r1, c5, c0, 0
        str     r1, [r0, #REC_FSR]
        mrc     p15, 0, r1, c6, c0, 0
        str     r1, [r0, #REC_FAR]
        pop     {r0, r1}
        subs    pc, lr, #4
        .ltorg

rec_clear:
        push    {r0, r1, r2}
        MOV32   r0, rec
        mov     r1, #0
        mov     r2, #5
1:      str     r1, [r0], #4
        subs    r2, r2, #1
        bne     1b
        pop     {r0, r1, r2}
        bx      lr

@ rec_print: r0 = address of the instruction of the case.
rec_print:
        push    {r4, r5, lr}
        mov     r4, r0
        MOV32   r5, rec
        ldr     r0, [r5, #REC_TYPE]
        cmp     r0, #EXC_NONE
        bne     1f
        PUTS    "none"
        b       9f
1:      PUTS    "exc="
        PUTDEC  r0
        ldr     r0, [r5, #REC_LR]
        sub     r0, r0, r4
        PUTS    " lr=insn+"
        PUTHEX  r0
        ldr     r0, [r5, #REC_SPSR]
        PUTS    " spsr="
        PUTHEX  r0
        ldr     r0, [r5, #REC_TYPE]
        cmp     r0, #EXC_PABT
        blo     9f
        ldr     r0, [r5, #REC_FSR]
        PUTS    " fsr="
        PUTHEX  r0
        ldr     r0, [r5, #REC_FAR]
        PUTS    " far="
        PUTHEX  r0
9:      pop     {r4, r5, lr}
        bx      lr

@ print_regs: print " | r0 r1 r2 r3" and a newline (registers preserved).
print_regs:
        push    {lr}
        PUTS    " |"
        PUTS    " "
        PUTHEX  r0
        PUTS    " "
        PUTHEX  r1
        PUTS    " "
        PUTHEX  r2
        PUTS    " "
        PUTHEX  r3
        PUTS    "\n"
        pop     {lr}
        bx      lr
        .ltorg

@ Store \val at buf+\off (uses ip).
        .macro SETW off, val
        push    {r0}
        MOV32   r0, \val
        MOV32   ip, buf
        str     r0, [ip, #\off]
        pop     {r0}
        .endm

exclusives:
        push    {r4-r6, lr}
        PUTS    "-- exclusive monitor\n"
        MOV32   r4, buf
        SETW    0, 0x01020304
        TCASE    "ldrex / svc / strex (monitor kept)", "mov r3, #0", "ldrex r0, [r4]; svc #1; strex r1, r3, [r4]; ldr r2, [r4]"
        SETW    0, 0x01020304
        TCASE    "ldrex / udf / strex", "mov r3, #0", "ldrex r0, [r4]; udf #2; strex r1, r3, [r4]; ldr r2, [r4]"
        SETW    0, 0x01020304
        TCASE    "ldrex / str same value / strex", "mov r3, #5", "ldrex r0, [r4]; str r0, [r4]; strex r1, r3, [r4]; ldr r2, [r4]"
        SETW    0, 0x01020304
        TCASE    "ldrex / str other value / strex", "mov r3, #5", "ldrex r0, [r4]; str r3, [r4]; mov r3, #6; strex r1, r3, [r4]; ldr r2, [r4]"
        SETW    0, 0x01020304
        TCASE    "ldrex word / strexb", "mov r3, #0xaa", "ldrex r0, [r4]; strexb r1, r3, [r4]; ldr r2, [r4]"
        SETW    0, 0x000000aa
        TCASE    "ldrex word 0xaa / strexb", "mov r3, #0xbb", "ldrex r0, [r4]; strexb r1, r3, [r4]; ldr r2, [r4]"
        SETW    0, 0x01020304
        SETW    4, 0x05060708
        TCASE    "ldrexd / strex word", "mov r3, #7", "ldrexd r0, r1, [r4]; strex r2, r3, [r4]; ldr r3, [r4]"
        SETW    0, 0x01020304
        TCASE    "ldrexb / strex word", "mov r3, #7", "ldrexb r0, [r4]; strex r1, r3, [r4]; ldr r2, [r4]"
        SETW    0, 0x11223344
        SETW    4, 0x55667788
        TCASE    "ldrexd / strexd", "mov r2, #1; mov r3, #2", "ldrexd r0, r1, [r4]; strexd r0, r2, r3, [r4]; ldrd r2, r3, [r4]"
        TCASE    "ldrex / strex to another address", "mov r3, #9", "ldrex r0, [r4]; add r5, r4, #4; strex r1, r3, [r5]"
        TCASE    "strex with the monitor clear", "clrex", "strex r1, r3, [r4]"
        TCASE    "ldrexb buf+1 / strex buf+1 (alignment)", "add r5, r4, #1", "ldrexb r0, [r5]; strex r1, r3, [r5]"
        clrex
        TCASE    "strex unaligned, monitor clear", "add r5, r4, #1", "strex r1, r3, [r5]"
        TCASE    "ldrex from unassigned", "MOV32 r5, UNASSIGNED", "ldrex r0, [r5]"
        TCASE    "strex rd == rt", "", ".inst 0xe1841f91"
        TCASE    "strex rd == rn", "", ".inst 0xe1844f91"
        TCASE    "ldrexd odd rt", "", ".inst 0xe1b41f9f"
        TCASE    "ldrex rt = pc", "", ".inst 0xe194ff9f"
        clrex
        PUTS    "-- swp\n"
        mrc     p15, 0, r0, c1, c0, 0
        bic     r0, r0, #SCTLR_SW
        mcr     p15, 0, r0, c1, c0, 0
        isb
        SETW    0, 0x11223344
        TCASE    "swp with SCTLR.SW clear", "MOV32 r1, 0xcafef00d", "swp r0, r1, [r4]; ldr r2, [r4]"
        TCASE    "swp r0, r0 (same register)", "mov r0, #0x42", "swp r0, r0, [r4]; ldr r2, [r4]"
        TCASE    "swpb at buf+3", "mov r1, #0x99; add r5, r4, #3", "swpb r0, r1, [r5]; ldr r2, [r4]"
        TCASE    "swp to unassigned", "MOV32 r5, UNASSIGNED", "swp r0, r1, [r5]"
        TCASE    "swpb to unassigned", "MOV32 r5, UNASSIGNED", "swpb r0, r1, [r5]"
        pop     {r4-r6, lr}
        bx      lr
        .ltorg

loadstore:
        push    {r4-r7, lr}
        PUTS    "-- UNPREDICTABLE loads and stores\n"
        MOV32   r4, buf
        SETW    0, 0x11111111
        SETW    4, 0x22222222
        SETW    8, 0x33333333
        SETW    12, 0x44444444
        TCASE    "ldr r1, [r1, #4]! (rn == rt)", "mov r1, r4", ".inst 0xe5b11004"
        TCASE    "ldr r1, [r1], #4 (rn == rt)", "mov r1, r4", ".inst 0xe4911004"
        TCASE    "ldrd r0, r1, [r0], #8 (rn == rt)", "mov r0, r4", ".inst 0xe0c000d8"
        TCASE    "ldrd r2, r3, [r0], r2 (rm == rt)", "mov r0, r4", ".inst 0xe08020d2"
        TCASE    "ldrd r0, r1, [r0, #4]! (rn == rt)", "mov r0, r4", ".inst 0xe1e000d4"
        TCASE    "str r0, [r0, #4]! (rn == rt)", "mov r0, r4", ".inst 0xe5a00004; ldr r1, [r4, #4]"
        SETW    4, 0x22222222
        TCASE    "stmia r0!, {r0, r1}", "mov r0, r4; mov r1, #0x77", "stmia r0!, {r0, r1}; ldr r2, [r4]; sub r2, r2, r4; ldr r3, [r4, #4]"
        SETW    0, 0x11111111
        SETW    4, 0x22222222
        TCASE    "ldmia r0!, {r0, r1} (base in list)", "mov r0, r4", ".inst 0xe8b00003"
        TCASE    "ldm with an empty list", "mov r0, r4", ".inst 0xe8900000"
        TCASE    "stm with an empty list", "mov r0, r4", ".inst 0xe8800000"
        TCASE    "ldr r0, [pc, #4]! (writeback to pc)", "mov r1, #0; mov r2, #0", ".inst 0xe5bf0004; mov r2, #0xbad; mov r2, #0xbad; mov r1, #7"
        MOV32   r5, UNASSIGNED - 16
        MOV32   r0, 0xa0a0a0a0
        MOV32   r1, 0xb1b1b1b1
        MOV32   r2, 0xc2c2c2c2
        MOV32   r3, 0xd3d3d3d3
        stm     r5, {r0-r3}
        TCASE    "ldrd crossing into unassigned", "MOV32 r5, UNASSIGNED - 4; mov r2, #0; mov r3, #0", "ldrd r2, r3, [r5]"
        TCASE    "ldm crossing into unassigned", "MOV32 r5, UNASSIGNED - 8; mov r0, #0; mov r1, #0; mov r2, #0; mov r3, #0", "ldm r5, {r0, r1, r2, r3}"
        TCASE    "stm crossing into unassigned", "MOV32 r5, UNASSIGNED - 4; mov r0, #0x5a", "stm r5, {r0, r1}; ldr r0, [r5]"
        TCASE    "ldrd at buf+4 (word aligned)", "", "ldrd r0, r1, [r4, #4]"
        TCASE    "ldrb r0, [r4, #1] with SCTLR.A", "mrc p15, 0, r1, c1, c0, 0; orr r1, r1, #SCTLR_A; mcr p15, 0, r1, c1, c0, 0; isb", "ldrb r0, [r4, #1]; ldrh r2, [r4, #1]; bic r1, r1, #SCTLR_A; mcr p15, 0, r1, c1, c0, 0; isb"
        @ User-bank LDM/STM in System mode use the saved USR/SYS sp and lr, not the live ones.
        cps     #MODE_SYS
        mov     r6, sp
        mov     r7, lr
        MOV32   sp, stk + 128
        MOV32   lr, 0x6666bbbb
        cps     #MODE_SVC
        cps     #MODE_SYS
        MOV32   sp, stk + 256
        TCASE    "stm r4, {sp, lr}^ in SYS mode", "MOV32 lr, 0x9abcdef0", "stm r4, {sp, lr}^; ldr r0, [r4]; ldr r1, [r4, #4]; MOV32 r2, stk; sub r0, r0, r2"
        SETW    0, 0x0badc0de
        TCASE    "ldm r4, {sp}^ in SYS mode", "", "ldm r4, {sp}^; nop; MOV32 r2, stk; sub r0, sp, r2"
        mov     sp, r6
        mov     lr, r7
        cps     #MODE_SVC
        TCASE    "stm r4, {r8, sp}^ in FIQ mode", "cps #MODE_FIQ; mov r8, #0x88", "stm r4, {r8, sp}^; cps #MODE_SVC; ldr r0, [r4]; ldr r1, [r4, #4]"
        pop     {r4-r7, lr}
        bx      lr
        .ltorg

system:
        push    {r4-r7, lr}
        PUTS    "-- exception generation and return\n"
        MOV32   r4, buf
        TCASE    "bkpt (IFSR, IFAR)", "", "bkpt #0x1234"
        TCASE    "bkptne, condition false", "msr APSR_nzcvq, #0x40000000", ".inst 0x11200070"
        TCASE    "bkptne, condition true", "msr APSR_nzcvq, #0", ".inst 0x11200070"
        TCASE    "hvcne, condition false", "msr APSR_nzcvq, #0x40000000; mov r0, #5", ".inst 0x11400070"
        TCASE    "smcne, condition false", "msr APSR_nzcvq, #0x40000000", ".inst 0x11600070"
        TCASE    "udf space, cond ne, condition true", "msr APSR_nzcvq, #0", ".inst 0x17f000f0"
        TCASE    "srs from SYS mode", "cps #MODE_SYS", "srsdb sp!, #MODE_SVC; cps #MODE_SVC"
        TCASE    "srs to HYP mode", "", ".inst 0xf96d051a"
        TCASE    "srs to mode 0x15", "", ".inst 0xf96d0515"
        TCASE    "srsia #FIQ (FIQ sp)", "cps #MODE_FIQ; mov r5, sp; mov sp, r4; cps #MODE_SVC; MOV32 lr, 0x1234", "srsia #MODE_FIQ!; cps #MODE_FIQ; sub r0, sp, r4; mov sp, r5; cps #MODE_SVC; ldr r1, [r4]"
        TCASE    "srs to an unaligned sp", "mov r5, sp; add sp, r4, #2", "srsia #MODE_SVC; mov sp, r5"
        TCASE    "rfe in User mode", "cps #MODE_USR", "rfeia r4; svc #SVC_TO_SVC"
        TCASE    "rfe from an unaligned address", "add r5, r4, #1", "rfeia r5"
        TCASE    "eret", "adr lr, 1f; MOV32 r0, 0x800001d3; msr spsr_fsxc, r0", "eret; mov r0, #0xbad; 1: mrs r0, cpsr"
        TCASE    "eret in User mode", "cps #MODE_USR", "eret; svc #SVC_TO_SVC"
        TCASE    "subs pc, lr to an SPSR with mode 0x1a", "adr lr, 1f; MOV32 r0, 0x200001da; msr spsr_fsxc, r0", "subs pc, lr, #0; 1: mrs r0, cpsr"
        TCASE    "movs pc, lr to an SPSR with bits 23:21 set", "adr lr, 1f; MOV32 r0, 0x00e001d3; msr spsr_fsxc, r0", "movs pc, lr; 1: mrs r0, cpsr; mrs r1, spsr"
        MOV32   r0, 0x80000000
        mcr     p15, 0, r0, c2, c0, 2           @ TTBCR.EAE: long-descriptor fault status
        isb
        TCASE    "ldrd at buf+1 with TTBCR.EAE", "", "ldrd r0, r1, [r4, #1]"
        TCASE    "strd at buf+2 with TTBCR.EAE", "", "strd r0, r1, [r4, #2]"
        TCASE    "bkpt with TTBCR.EAE", "", "bkpt #1"
        mov     r0, #0
        mcr     p15, 0, r0, c2, c0, 2
        isb
        PUTS    "-- PSR access\n"
        TCASE    "msr cpsr_c, #0x1a (HYP)", "", "msr cpsr_c, #0xda; mrs r0, cpsr"
        TCASE    "msr cpsr_c, #0x16 (MON)", "", "msr cpsr_c, #0xd6; mrs r0, cpsr"
        TCASE    "msr cpsr_c, #0x00", "", "msr cpsr_c, #0xc0; mrs r0, cpsr; msr cpsr_c, #0xd3"
        TCASE    "cps #0x1a", "", "cps #0x1a; mrs r0, cpsr"
        TCASE    "cps with imod=01", "", ".inst 0xf1040000; mrs r0, cpsr"
        TCASE    "cps with no effect", "", ".inst 0xf1000013; mrs r0, cpsr"
        TCASE    "msr cpsr with no fields", "mov r1, #0", ".inst 0xe120f001; mrs r0, cpsr"
        TCASE    "msr spsr_fsxc in SYS mode", "cps #MODE_SYS; mov r1, #0x1f", "msr spsr_fsxc, r1; mrs r0, spsr; mov r1, #0; msr spsr_fsxc, r1; cps #MODE_SVC"
        TCASE    "mrs spsr in User mode", "cps #MODE_USR", "mrs r0, spsr; svc #SVC_TO_SVC"
        TCASE    "msr spsr in User mode", "cps #MODE_USR", "msr spsr_f, r0; svc #SVC_TO_SVC"
        TCASE    "msr cpsr_x setting E in User mode", "cps #MODE_USR", "mrs r0, cpsr; orr r0, r0, #PSR_E; msr cpsr_x, r0; mrs r1, cpsr; setend le; mrs r2, cpsr; svc #SVC_TO_SVC"
        TCASE    "setend be in User mode", "cps #MODE_USR", "setend be; mrs r0, cpsr; ldr r1, [r4]; setend le; svc #SVC_TO_SVC"
        SETW    0, 0x11223344
        SETW    4, 0x55667788
        TCASE    "ldrexd/strexd big-endian", "setend be; mov r2, #1; mov r3, #2", "ldrexd r0, r1, [r4]; strexd r0, r2, r3, [r4]; setend le; ldrd r2, r3, [r4]"
        SETW    0, 0x11223344
        TCASE    "ldrexh/strex big-endian", "setend be; mov r3, #3", "ldrexh r0, [r4]; strexh r1, r3, [r4]; setend le; ldr r2, [r4]"
        TCASE    "ldm/stm big-endian", "setend be; MOV32 r0, 0x01020304; MOV32 r1, 0x0a0b0c0d", "stm r4, {r0, r1}; ldr r2, [r4]; setend le; ldr r3, [r4, #4]; ldm r4, {r0, r1}"
        TCASE    "swp big-endian", "setend be; MOV32 r1, 0x01020304", "swp r0, r1, [r4]; setend le; ldr r2, [r4]"
        pop     {r4-r7, lr}
        bx      lr
        .ltorg

        .macro PSCI name, fn, a1=0, a2=0, a3=0
        TCASE    "\name", "MOV32 r0, \fn; MOV32 r1, \a1; MOV32 r2, \a2; MOV32 r3, \a3", "hvc #0"
        .endm
psci:
        push    {lr}
        PUTS    "-- PSCI\n"
        PSCI    "CPU_ON (SMC64 id)", 0xc4000003, 1, 0x40100000
        PSCI    "AFFINITY_INFO (SMC64 id)", 0xc4000004, 0, 0
        PSCI    "PSCI_FEATURES(CPU_ON SMC64)", 0x8400000a, 0xc4000003
        PSCI    "PSCI_FEATURES(AFFINITY_INFO)", 0x8400000a, 0x84000004
        PSCI    "PSCI_FEATURES(MIGRATE)", 0x8400000a, 0x84000005
        PSCI    "PSCI_FEATURES(MIGRATE_INFO_TYPE)", 0x8400000a, 0x84000006
        PSCI    "PSCI_FEATURES(0.1 CPU_ON)", 0x8400000a, 0x95c1ba60
        PSCI    "PSCI_FEATURES(0.1 MIGRATE)", 0x8400000a, 0x95c1ba61
        PSCI    "MIGRATE", 0x84000005, 0
        PSCI    "0.1 MIGRATE", 0x95c1ba61, 0
        PSCI    "AFFINITY_INFO(1, 0)", 0x84000004, 1, 0
        PSCI    "AFFINITY_INFO(0, 1)", 0x84000004, 0, 1
        PSCI    "AFFINITY_INFO(0x80000000, 0)", 0x84000004, 0x80000000, 0
        PSCI    "CPU_ON(0) (already on)", 0x84000003, 0, 0x40100000
        PSCI    "0.1 CPU_ON(0)", 0x95c1ba60, 0, 0x40100000
        PSCI    "CPU_ON(0x80000000)", 0x84000003, 0x80000000, 0x40100000
        PSCI    "CPU_SUSPEND(0x20000)", 0x84000001, 0x20000
        PSCI    "SMCCC_VERSION", 0x80000000
        PSCI    "0x40000000", 0x40000000
        PSCI    "0xc4000008", 0xc4000008
        pop     {lr}
        bx      lr
        .ltorg

        .global main
main:
        push    {r4, lr}
        PUTS    "a32misc: corner cases of system and load/store instructions\n"
        MOV32   r0, vectors
        mcr     p15, 0, r0, c12, c0, 0
        isb
        bl      exclusives
        bl      loadstore
        bl      system
        bl      psci
        MOV32   r0, default_vectors
        mcr     p15, 0, r0, c12, c0, 0
        isb
        pop     {r4, lr}
        bx      lr
        .ltorg

        .bss
        .balign 8
rec:    .space  32
        .balign 8
buf:    .space  64
stk:    .space  256

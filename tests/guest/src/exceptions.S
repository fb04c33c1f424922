@ exceptions: entry and return for every A32 exception QEMU's -M virt can give
@ a bare-metal program without interrupts: undefined instructions (UDF, SMC
@ without the Security Extensions, HVC that is not a PSCI call, CP15 writes
@ to read-only registers, VFP while CPACR denies it, user-mode CP15 access),
@ SVC, BKPT, prefetch and data aborts (unassigned physical addresses,
@ alignment faults), with the exception-return forms `movs pc, lr`,
@ `ldmfd sp!, {..., pc}^` and `subs pc, lr, #4`, plus SRS/RFE and PSCI calls.
@ Each trap prints the exception type, LR relative to the trapping instruction,
@ SPSR, and for aborts the fault status and address.
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
        .equ REC_IMM, 20
        .equ REC_MODE, 24               @ CPSR mode the handler ran in
        .equ REC_SP, 28                 @ handler sp, relative to that mode's stack top

        .equ SVC_TO_SVC, 0xfff0f0       @ SVC immediate: return to the caller in SVC mode
        .equ UNASSIGNED, 0x50000000     @ nothing is mapped here with -m 256

@ Run \insn (after \setup) expecting an exception; print "\name: " and the record.
@ \farbase is subtracted from the fault address and \lrbase (default: the
@ address of \insn) from LR when printing them. A prefetch
@ abort resumes right after \insn.
        .macro TRAP name, setup, insn, farbase=0, lrbase=9003b
        PUTS    "\name: "
        bl      rec_clear
        push    {r0, r1}
        MOV32   r0, resume
        MOV32   r1, 9004f + 4
        str     r1, [r0]
        pop     {r0, r1}
        \setup
9003:   \insn
9004:   MOV32   r0, \lrbase
        MOV32   r1, \farbase
        bl      rec_print
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
        ldr     r0, =default_vectors
        mcr     p15, 0, r0, c12, c0, 0
        isb
        PUTS    "UNEXPECTED vector\n"
        b       psci_off

@ Store the exception type \type, LR and SPSR in the record (uses r0, r1).
        .macro RECORD type
        ldr     r0, =rec
        mov     r1, #\type
        str     r1, [r0, #REC_TYPE]
        str     lr, [r0, #REC_LR]
        mrs     r1, spsr
        str     r1, [r0, #REC_SPSR]
        mrs     r1, cpsr
        and     r1, r1, #PSR_MODE_MASK
        str     r1, [r0, #REC_MODE]
        .endm

@ Undefined instruction: record and return to the next instruction (movs pc, lr).
und_handler:
        push    {r0, r1}
        RECORD  EXC_UND
        add     r1, sp, #8
        ldr     ip, =stack_und_top
        sub     r1, r1, ip
        str     r1, [r0, #REC_SP]
        pop     {r0, r1}
        movs    pc, lr

@ Supervisor call: record, read the immediate from the SVC instruction and
@ return with ldmfd sp!, {..., pc}^. SVC #SVC_TO_SVC returns in SVC mode.
svc_handler:
        push    {r0-r3, lr}
        RECORD  EXC_SVC
        add     r1, sp, #20
        ldr     r2, =stack_svc_top
        sub     r1, r1, r2
        str     r1, [r0, #REC_SP]
        ldr     r1, [lr, #-4]
        bic     r1, r1, #0xff000000
        str     r1, [r0, #REC_IMM]
        ldr     r2, =SVC_TO_SVC
        cmp     r1, r2
        bne     1f
        mrs     r1, spsr
        bic     r1, r1, #PSR_MODE_MASK
        orr     r1, r1, #MODE_SVC
        msr     spsr_fsxc, r1                   @ the caller continues with the SVC sp and lr
1:      ldmfd   sp!, {r0-r3, pc}^

@ Prefetch abort: record IFSR/IFAR; resume at the saved resume address (subs pc, lr, #4).
pabt_handler:
        push    {r0, r1}
        RECORD  EXC_PABT
        mrc     p15, 0, r1, c5, c0, 1           @ IFSR
        str     r1, [r0, #REC_FSR]
        mrc     p15, 0, r1, c6, c0, 2           @ IFAR
        str     r1, [r0, #REC_FAR]
        ldr     lr, =resume
        ldr     lr, [lr]                        @ resume address + 4
        pop     {r0, r1}
        subs    pc, lr, #4

@ Data abort: record DFSR/DFAR; skip the faulting instruction (subs pc, lr, #4).
dabt_handler:
        push    {r0, r1}
        RECORD  EXC_DABT
        mrc     p15, 0, r1, c5, c0, 0           @ DFSR
        str     r1, [r0, #REC_FSR]
        mrc     p15, 0, r1, c6, c0, 0           @ DFAR
        str     r1, [r0, #REC_FAR]
        pop     {r0, r1}
        subs    pc, lr, #4
        .ltorg

@ rec_clear: forget the last exception (preserves everything but flags).
rec_clear:
        push    {r0, r1, r2}
        ldr     r0, =rec
        mov     r1, #0
        mov     r2, #8
1:      str     r1, [r0], #4
        subs    r2, r2, #1
        bne     1b
        pop     {r0, r1, r2}
        bx      lr

@ rec_print: print the record; r0 = address of the trapping instruction,
@ r1 = value subtracted from the fault address.
rec_print:
        push    {r4, r5, lr}
        mov     r4, r0
        mov     r5, r1
        ldr     r3, =rec
        ldr     r2, [r3, #REC_TYPE]
        cmp     r2, #EXC_NONE
        bne     1f
        PUTS    "no exception\n"
        b       9f
1:      cmp     r2, #EXC_UND
        bne     2f
        PUTS    "UND"
2:      cmp     r2, #EXC_SVC
        bne     3f
        PUTS    "SVC"
3:      cmp     r2, #EXC_PABT
        bne     4f
        PUTS    "PABT"
4:      cmp     r2, #EXC_DABT
        bne     5f
        PUTS    "DABT"
5:      ldr     r0, [r3, #REC_MODE]
        PUTS    " mode="
        PUTHEX  r0
        ldr     r0, [r3, #REC_LR]
        sub     r0, r0, r4
        PUTS    " lr=insn+"
        PUTHEX  r0
        ldr     r0, [r3, #REC_SPSR]
        PUTS    " spsr="
        PUTHEX  r0
        cmp     r2, #EXC_SVC
        bne     5f
        ldr     r0, [r3, #REC_IMM]
        PUTS    " imm="
        PUTHEX  r0
5:      cmp     r2, #EXC_SVC
        cmpne   r2, #EXC_UND
        bne     6f
        ldr     r0, [r3, #REC_SP]
        PUTS    " sp=top"
        PUTHEX  r0
6:      cmp     r2, #EXC_DABT
        cmpne   r2, #EXC_PABT
        bne     7f
        ldr     r0, [r3, #REC_FSR]
        PUTS    " fsr="
        PUTHEX  r0
        cmp     r2, #EXC_PABT
        ldr     r0, [r4]
        ldr     r1, =0xfff000f0                 @ BKPT: IFAR is UNKNOWN, do not print it
        and     r0, r0, r1
        ldr     r1, =0xe1200070
        cmpeq   r0, r1
        beq     7f
        ldr     r0, [r3, #REC_FAR]
        sub     r0, r0, r5
        PUTS    " far=base+"
        PUTHEX  r0
7:      PUTS    "\n"
9:      pop     {r4, r5, lr}
        bx      lr
        .ltorg

        .global main
main:
        push    {r4-r11, lr}
        PUTS    "exceptions: entry, return, fault status\n"
        MOV32   r0, vectors
        mcr     p15, 0, r0, c12, c0, 0          @ VBAR
        isb
        mrc     p15, 0, r1, c12, c0, 0
        sub     r1, r1, r0
        SHOW    "VBAR read back minus written", r1

        PUTS    "-- undefined instructions\n"
        TRAP    "udf #0", "msr APSR_nzcvq, #0x80000000", "udf #0"
        TRAP    "udf #0xffff", "msr APSR_nzcvq, #0x68000000", "udf #0xffff"
        TRAP    "smc #0 (no Security Extensions)", "msr APSR_nzcvq, #0", "smc #0"
        TRAP    "hvc #0 with r0=0x12345678 (not PSCI)", "MOV32 r0, 0x12345678", "hvc #0; mov r6, r0"
        SHOW    "r0 after that hvc", r6
        TRAP    "mcr to MIDR (read-only)", "mov r0, #0", "mcr p15, 0, r0, c0, c0, 0"
        TRAP    "mcr p7 (no coprocessor 7)", "mov r0, #0", "mcr p7, 0, r0, c0, c0, 0"
        TRAP    "vmrs with CPACR=0", "mov r0, #0; mcr p15, 0, r0, c1, c0, 2; isb", "vmrs r0, fpexc"
        TRAP    "vadd.f32 with CPACR=0", "", "vadd.f32 s0, s1, s2"
        TRAP    "mov r0, r0 (no trap)", "", "mov r0, r0"

        PUTS    "-- VFP access once CPACR and FPEXC allow it\n"
        mov     r0, #(0xf << 20)                @ cp10, cp11: full access
        mcr     p15, 0, r0, c1, c0, 2
        isb
        mrc     p15, 0, r0, c1, c0, 2
        SHOW    "CPACR after enabling cp10/cp11", r0
        mov     r0, #0x40000000                 @ FPEXC.EN
        vmsr    fpexc, r0
        vmrs    r1, fpexc
        SHOW    "FPEXC", r1
        TRAP    "vadd.f32 enabled", "", "vadd.f32 s0, s1, s2"

        PUTS    "-- supervisor calls\n"
        TRAP    "svc #0", "msr APSR_nzcvq, #0x20000000", "svc #0"
        TRAP    "svc #0x123456", "msr APSR_nzcvq, #0xf0000000", "svc #0x123456"
        TRAP    "svc #0xffffff", "", "svc #0xffffff"
        TRAP    "svcne not executed", "msr APSR_nzcvq, #0x40000000", "svcne #1"
        mov     r4, #0x11
        mov     r5, #0x22
        mov     r0, #0x33
        mov     r1, #0x44
        mov     r2, #0x55
        mov     r3, #0x66
        svc     #7
        SHOW    "r0 preserved across svc", r0
        SHOW    "r3 preserved across svc", r3
        mov     r0, sp
        MOV32   r1, stack_svc_top
        sub     r0, r0, r1
        SHOW    "sp after svc (relative to stack top)", r0

        PUTS    "-- exceptions from user mode\n"
        cps     #MODE_USR
        TRAP    "svc #1 from USR", "", "svc #1"
        TRAP    "udf from USR", "", "udf #1"
        TRAP    "mrc SCTLR from USR", "", "mrc p15, 0, r0, c1, c0, 0"
        TRAP    "hvc from USR", "MOV32 r0, PSCI_VERSION", "hvc #0"
        TRAP    "cps from USR is a no-op", "", "cps #MODE_SVC"
        mrs     r0, cpsr
        SHOW    "CPSR in USR after cps", r0
        TRAP    "return to SVC", "", "svc #SVC_TO_SVC"
        mrs     r0, cpsr
        SHOW    "CPSR after SVC_TO_SVC", r0

        PUTS    "-- breakpoints and prefetch aborts\n"
        TRAP    "bkpt #0x12", "msr APSR_nzcvq, #0x10000000", "bkpt #0x12"
        TRAP    "bkpt #0xfff3", "msr APSR_nzcvq, #0", "bkpt #0xfff3"
        TRAP    "blx to unassigned 0x50000000 (lr, far relative to it)", "MOV32 r4, UNASSIGNED", "blx r4", UNASSIGNED, UNASSIGNED

        PUTS    "-- data aborts\n"
        MOV32   r4, UNASSIGNED
        TRAP    "ldr from unassigned", "", "ldr r0, [r4]", UNASSIGNED
        TRAP    "str to unassigned", "", "str r0, [r4, #8]", UNASSIGNED
        TRAP    "ldrb from unassigned", "", "ldrb r0, [r4, #3]", UNASSIGNED
        TRAP    "ldm from unassigned", "", "ldm r4, {r0, r1}", UNASSIGNED
        TRAP    "ldr from 0x09100000 (hole between devices)", "MOV32 r4, 0x09100000", "ldr r0, [r4]", 0x09100000
        MOV32   r4, UNASSIGNED
        TRAP    "ldr with writeback from unassigned: base unchanged", "mov r5, r4", "ldr r0, [r4, #4]!", UNASSIGNED
        sub     r0, r4, r5
        SHOW    "base register change", r0
        TRAP    "ldmia! from unassigned: base unchanged", "mov r5, r4", "ldmia r4!, {r0, r1}", UNASSIGNED
        sub     r0, r4, r5
        SHOW    "base register change", r0
        MOV32   r4, buf
        TRAP    "ldrd at buf+1 (alignment)", "", "ldrd r2, r3, [r4, #1]", buf
        TRAP    "ldrd at buf+4 (fine)", "", "ldrd r2, r3, [r4, #4]", buf
        TRAP    "ldmia at buf+2 (alignment)", "add r5, r4, #2", "ldmia r5, {r0, r1}", buf
        TRAP    "ldrex at buf+1 (alignment)", "add r5, r4, #1", "ldrex r0, [r5]", buf
        TRAP    "ldrexh at buf+1 (alignment)", "add r5, r4, #1", "ldrexh r0, [r5]", buf
        TRAP    "ldrexd at buf+4 (alignment)", "add r5, r4, #4", "ldrexd r0, r1, [r5]", buf
        TRAP    "swp at buf+2 (alignment)", "add r5, r4, #2", "swp r0, r1, [r5]", buf
        TRAP    "strd at buf+2 (alignment)", "", "strd r0, r1, [r4, #2]", buf
        TRAP    "stmdb at buf+7 (alignment)", "add r5, r4, #7", "stmdb r5, {r0, r1}", buf
        clrex
        TRAP    "ldr at buf+1 with SCTLR.A=0 (fine)", "", "ldr r0, [r4, #1]", buf
        mrc     p15, 0, r0, c1, c0, 0
        orr     r0, r0, #SCTLR_A
        mcr     p15, 0, r0, c1, c0, 0
        isb
        TRAP    "ldr at buf+1 with SCTLR.A=1", "", "ldr r0, [r4, #1]", buf
        TRAP    "str at buf+2 with SCTLR.A=1", "", "str r0, [r4, #2]", buf
        TRAP    "ldrh at buf+3 with SCTLR.A=1", "", "ldrh r0, [r4, #3]", buf
        TRAP    "strh at buf+1 with SCTLR.A=1", "", "strh r0, [r4, #1]", buf
        TRAP    "ldrb at buf+3 with SCTLR.A=1 (fine)", "", "ldrb r0, [r4, #3]", buf
        TRAP    "ldrh at buf+2 with SCTLR.A=1 (fine)", "", "ldrh r0, [r4, #2]", buf
        mrc     p15, 0, r0, c1, c0, 0
        bic     r0, r0, #SCTLR_A
        mcr     p15, 0, r0, c1, c0, 0
        isb

        PUTS    "-- SRS and RFE\n"
        bl      srs_rfe

        PUTS    "-- PSCI over HVC\n"
        bl      psci

        pop     {r4-r11, lr}
        bx      lr
        .ltorg

@ SRS stores LR and SPSR of the current mode to the stack of a named mode;
@ RFE loads PC and CPSR from memory.
srs_rfe:
        push    {r4-r7, lr}
        ldr     r4, =buf
        @ SRS to the SVC stack, decrement before, with writeback
        mov     r5, sp
        ldr     lr, =0x11111110
        ldr     r0, =0x600001d3
        msr     spsr_fsxc, r0
        srsdb   sp!, #MODE_SVC
        ldr     r0, [sp]
        ldr     r1, [sp, #4]
        sub     r2, r5, sp
        mov     sp, r5
        SHOW    "srsdb sp!, #SVC: stored lr", r0
        SHOW    "srsdb sp!, #SVC: stored spsr", r1
        SHOW    "srsdb sp!, #SVC: sp moved down by", r2
        @ SRS to the SYS/USR stack (another mode's banked sp), increment after, no writeback
        cps     #MODE_SYS
        mov     r6, sp
        mov     sp, r4
        cps     #MODE_SVC
        ldr     lr, =0x22222220
        ldr     r0, =0x800001df
        msr     spsr_fsxc, r0
        srsia   #MODE_SYS
        ldr     r0, [r4]
        ldr     r1, [r4, #4]
        SHOW    "srsia #SYS: stored lr", r0
        SHOW    "srsia #SYS: stored spsr", r1
        cps     #MODE_SYS
        sub     r2, sp, r4
        mov     sp, r6
        cps     #MODE_SVC
        SHOW    "srsia #SYS: SYS sp moved by", r2
        @ RFE: return to label 1 in SYS mode with flags NZ set, increment after, writeback
        ldr     r0, =1f
        ldr     r1, =0xc00001df
        stm     r4, {r0, r1}
        mov     r7, r4
        rfeia   r7!
        mov     r0, #0xbad                      @ skipped
1:      mrs     r0, cpsr
        sub     r1, r7, r4
        SHOW    "after rfeia: CPSR", r0
        SHOW    "after rfeia: base moved by", r1
        cps     #MODE_SVC
        @ RFEDB without writeback, back to SVC
        ldr     r0, =2f
        ldr     r1, =0x200001d3
        add     r7, r4, #8
        stmdb   r7, {r0, r1}
        rfedb   r7
        mov     r0, #0xbad                      @ skipped
2:      mrs     r0, cpsr
        sub     r1, r7, r4
        SHOW    "after rfedb: CPSR", r0
        SHOW    "after rfedb: base (unchanged) offset", r1
        @ RFEIB / RFEDA
        ldr     r0, =3f
        ldr     r1, =0x100001d3
        str     r0, [r4, #4]
        str     r1, [r4, #8]
        mov     r7, r4
        rfeib   r7!
3:      mrs     r0, cpsr
        sub     r1, r7, r4
        SHOW    "after rfeib!: CPSR", r0
        SHOW    "after rfeib!: base moved by", r1
        ldr     r0, =4f
        ldr     r1, =0x000001d3
        str     r0, [r4, #4]
        str     r1, [r4, #8]
        add     r7, r4, #8
        rfeda   r7!
4:      mrs     r0, cpsr
        sub     r1, r7, r4
        SHOW    "after rfeda!: CPSR", r0
        SHOW    "after rfeda!: base offset", r1
        pop     {r4-r7, lr}
        bx      lr
        .ltorg

@ PSCI function calls through HVC #0 (QEMU implements PSCI itself).
        .macro PSCI name, fn, a1=0, a2=0, a3=0
        MOV32   r0, \fn
        MOV32   r1, \a1
        MOV32   r2, \a2
        MOV32   r3, \a3
        hvc     #0
        PUTS    "\name: r0="
        PUTHEX  r0
        PUTS    " r1="
        PUTHEX  r1
        PUTS    " r2="
        PUTHEX  r2
        PUTS    " r3="
        PUTHEX  r3
        PUTS    "\n"
        .endm
psci:
        push    {lr}
        PSCI    "PSCI_VERSION", PSCI_VERSION
        PSCI    "MIGRATE_INFO_TYPE", PSCI_MIGRATE_INFO_TYPE
        PSCI    "PSCI_FEATURES(PSCI_VERSION)", PSCI_FEATURES, PSCI_VERSION
        PSCI    "PSCI_FEATURES(CPU_SUSPEND)", PSCI_FEATURES, 0x84000001
        PSCI    "PSCI_FEATURES(CPU_OFF)", PSCI_FEATURES, PSCI_CPU_OFF
        PSCI    "PSCI_FEATURES(CPU_ON)", PSCI_FEATURES, 0x84000003
        PSCI    "PSCI_FEATURES(SYSTEM_OFF)", PSCI_FEATURES, PSCI_SYSTEM_OFF
        PSCI    "PSCI_FEATURES(SYSTEM_RESET)", PSCI_FEATURES, PSCI_SYSTEM_RESET
        PSCI    "PSCI_FEATURES(PSCI_FEATURES)", PSCI_FEATURES, PSCI_FEATURES
        PSCI    "PSCI_FEATURES(0x84000099)", PSCI_FEATURES, 0x84000099
        PSCI    "PSCI_FEATURES(0x12345678)", PSCI_FEATURES, 0x12345678
        PSCI    "AFFINITY_INFO(0, 0)", 0x84000004, 0, 0
        PSCI    "CPU_ON(1) on a 1-CPU machine", 0x84000003, 1, 0x40100000, 0
        PSCI    "unknown function 0x840000ff", 0x840000ff, 7, 8, 9
        PSCI    "unknown function 0x80000000", 0x80000000, 7, 8, 9
        pop     {lr}
        bx      lr
        .ltorg

        .bss
        .balign 8
rec:    .space  32
resume: .space  4
        .balign 8
buf:    .space  64

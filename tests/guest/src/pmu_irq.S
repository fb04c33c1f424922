@ pmu_irq: the overflow interrupt of QEMU's cortex-a15 PMU, PPI 7 (INTID 23) on
@ -M virt, taken through the GICv2: a SW_INCR counter wrapping with and without
@ PMINTENSET, the cycle counter wrapping while the CPU waits in WFI, a CPU_CYCLES
@ counter wrapping while it is polled, and QEMU's habit of re-evaluating the
@ line only on overflow and on PMOVSR/PMOVSSET/PMINTENSET/PMINTENCLR writes (not
@ when PMCR.E changes). Nothing printed depends on how fast the host runs.
        .include "pmu_common.inc"

        .equ GICD_BASE,       0x08000000
        .equ GICD_CTLR,       0x000
        .equ GICD_ISENABLER,  0x100
        .equ GICD_ISPENDR,    0x200
        .equ GICD_ICPENDR,    0x280
        .equ GICC_BASE,       0x08010000
        .equ GICC_CTLR,       0x00
        .equ GICC_PMR,        0x04
        .equ GICC_IAR,        0x0c
        .equ GICC_EOIR,       0x10

        .equ LOG_MAX, 8

        .text
        .balign 32
vectors:
        b       default_vectors + 0x00
        b       default_vectors + 0x04
        b       default_vectors + 0x08
        b       default_vectors + 0x0c
        b       default_vectors + 0x10
        b       default_vectors + 0x14
        b       irq_handler
        b       default_vectors + 0x1c

@ IRQ: acknowledge, log the INTID and PMOVSR, clear the flags seen, complete.
irq_handler:
        sub     lr, lr, #4
        push    {r0-r3, r12, lr}
        MOV32   r1, GICC_BASE
        ldr     r0, [r1, #GICC_IAR]
        mrc     p15, 0, r12, c9, c12, 3         @ PMOVSR
        ldr     r2, =log_count
        ldr     r3, [r2]
        cmp     r3, #LOG_MAX
        bhs     1f
        ldr     lr, =log_intid
        str     r0, [lr, r3, lsl #2]
        ldr     lr, =log_ovs
        str     r12, [lr, r3, lsl #2]
        add     r3, r3, #1
        str     r3, [r2]
1:      mcr     p15, 0, r12, c9, c12, 3         @ PMOVSR: write-one-to-clear
        ldr     r3, =1020
        cmp     r0, r3
        strlo   r0, [r1, #GICC_EOIR]
        ldmfd   sp!, {r0-r3, r12, pc}^
        .ltorg

@ log_reset: empty the IRQ log.
log_reset:
        push    {r0, r1}
        mov     r0, #0
        ldr     r1, =log_count
        str     r0, [r1]
        pop     {r0, r1}
        bx      lr

@ log_print: print "IRQ log: INTID/PMOVSR ...".
log_print:
        push    {r0-r3, lr}
        PUTS    "IRQ log:"
        ldr     r1, =log_count
        ldr     r1, [r1]
        mov     r2, #0
1:      cmp     r2, r1
        bhs     2f
        ldr     r3, =log_intid
        ldr     r0, [r3, r2, lsl #2]
        PUTS    " "
        PUTDEC  r0
        PUTS    "/"
        ldr     r3, =log_ovs
        ldr     r0, [r3, r2, lsl #2]
        PUTHEX  r0
        add     r2, r2, #1
        b       1b
2:      PUTS    "\n"
        pop     {r0-r3, lr}
        bx      lr
        .ltorg

        .global main
main:
        push    {r4-r11, lr}
        PUTS    "pmu_irq: performance monitor overflow interrupts\n"
        MOV32   r0, vectors
        mcr     p15, 0, r0, c12, c0, 0          @ VBAR
        isb
        bl      interrupts
        pop     {r4-r11, lr}
        bx      lr

@ ------------------------------------------------------------ interrupts
interrupts:
        push    {r4-r9, lr}
        PUTS    "-- overflow interrupt (PPI 7, INTID 23)\n"
        bl      pmu_off
        MOV32   r8, GICD_BASE
        MOV32   r9, GICC_BASE
        mov     r0, #1
        str     r0, [r8, #GICD_CTLR]
        str     r0, [r9, #GICC_CTLR]
        mov     r0, #0xff
        str     r0, [r9, #GICC_PMR]
        mov     r0, #(1 << INTID_PMU)
        str     r0, [r8, #GICD_ISENABLER]
        bl      log_reset
        cpsie   i

        PUTS    "SW_INCR counter 2 wraps with PMINTENSET bit 2:\n"
        mov     r0, #PMCR_E
        mcr     p15, 0, r0, c9, c12, 0
        mov     r0, #4
        mcr     p15, 0, r0, c9, c12, 1          @ PMCNTENSET (PMEVTYPER2 is SW_INCR)
        mov     r0, #4
        mcr     p15, 0, r0, c9, c14, 1          @ PMINTENSET
        mrc     p15, 0, r0, c9, c14, 1
        SHOW    "PMINTENSET", r0
        mvn     r0, #0
        mcr     p15, 0, r0, c14, c8, 2
        mov     r0, #4
        mcr     p15, 0, r0, c9, c12, 4          @ wraps: the IRQ is taken right after
        bl      log_print
        mrc     p15, 0, r0, c9, c12, 3
        SHOW    "PMOVSR after the handler", r0

        PUTS    "the same with PMINTENSET clear:\n"
        bl      log_reset
        mov     r0, #4
        mcr     p15, 0, r0, c9, c14, 2          @ PMINTENCLR
        mvn     r0, #0
        mcr     p15, 0, r0, c14, c8, 2
        mov     r0, #4
        mcr     p15, 0, r0, c9, c12, 4
        bl      log_print
        mrc     p15, 0, r0, c9, c12, 3
        SHOW    "PMOVSR", r0
        mvn     r0, #0
        mcr     p15, 0, r0, c9, c12, 3

        PUTS    "PMOVSSET with PMCR.E clear, then PMCR.E set, then a PMINTENSET write:\n"
        bl      log_reset
        mov     r0, #0
        mcr     p15, 0, r0, c9, c12, 0          @ PMCR.E off
        mov     r0, #4
        mcr     p15, 0, r0, c9, c14, 1          @ PMINTENSET
        mcr     p15, 0, r0, c9, c14, 3          @ PMOVSSET: flag set, line stays low
        bl      log_print
        mov     r0, #PMCR_E
        mcr     p15, 0, r0, c9, c12, 0          @ QEMU does not re-evaluate the line here
        bl      log_print
        mov     r0, #0
        mcr     p15, 0, r0, c9, c14, 1          @ but does on any PMINTENSET write
        bl      log_print

        PUTS    "line level seen in GICD_ISPENDR with IRQs masked (pending latch cleared):\n"
        cpsid   i
        mov     r0, #4
        mcr     p15, 0, r0, c9, c14, 3          @ PMOVSSET with PMCR.E set: line high
        mov     r0, #(1 << INTID_PMU)
        str     r0, [r8, #GICD_ICPENDR]
        ldr     r0, [r8, #GICD_ISPENDR]
        and     r0, r0, #(1 << INTID_PMU)
        SHOW    "after PMOVSSET", r0
        mov     r0, #0
        mcr     p15, 0, r0, c9, c12, 0          @ PMCR.E off: not re-evaluated
        mov     r0, #(1 << INTID_PMU)
        str     r0, [r8, #GICD_ICPENDR]
        ldr     r0, [r8, #GICD_ISPENDR]
        and     r0, r0, #(1 << INTID_PMU)
        SHOW    "after PMCR.E cleared", r0
        mov     r0, #0
        mcr     p15, 0, r0, c9, c14, 2          @ PMINTENCLR write: re-evaluated
        mov     r0, #(1 << INTID_PMU)
        str     r0, [r8, #GICD_ICPENDR]
        ldr     r0, [r8, #GICD_ISPENDR]
        and     r0, r0, #(1 << INTID_PMU)
        SHOW    "after a PMINTENCLR write", r0
        mvn     r0, #0
        mcr     p15, 0, r0, c9, c12, 3
        cpsie   i

        PUTS    "cycle counter wraps while the CPU waits in WFI:\n"
        bl      pmu_off
        bl      log_reset
        mov     r0, #CCNT_BIT
        mcr     p15, 0, r0, c9, c14, 1          @ PMINTENSET.C
        mcr     p15, 0, r0, c9, c12, 1          @ PMCNTENSET.C
        MOV32   r0, 0xf0000000                  @ 268 ms to go: QEMU misses the wrap if it
                                                @ passes before the WFI (host scheduling)
        mcr     p15, 0, r0, c9, c13, 0
        mov     r0, #PMCR_E
        mcr     p15, 0, r0, c9, c12, 0
        ldr     r4, =log_count
1:      wfi
        ldr     r0, [r4]
        cmp     r0, #0
        beq     1b
        bl      log_print

        PUTS    "CPU_CYCLES counter 5 wraps while being read:\n"
        bl      pmu_off
        bl      log_reset
        mov     r0, #EV_CPU_CYCLES
        mcr     p15, 0, r0, c14, c12, 5
        mov     r0, #(1 << 5)
        mcr     p15, 0, r0, c9, c14, 1
        mcr     p15, 0, r0, c9, c12, 1
        MOV32   r0, 0xfffe0000
        mcr     p15, 0, r0, c14, c8, 5
        mov     r0, #PMCR_E
        mcr     p15, 0, r0, c9, c12, 0
1:      mrc     p15, 0, r0, c14, c8, 5
        ldr     r0, [r4]
        cmp     r0, #0
        beq     1b
        bl      log_print
        cpsid   i
        bl      pmu_off
        pop     {r4-r9, lr}
        bx      lr
        .ltorg

        .data
        .balign 4
log_count:      .word 0
log_intid:      .space 4 * LOG_MAX
log_ovs:        .space 4 * LOG_MAX

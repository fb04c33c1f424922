@ Device-bound benchmark: a tight loop of device register accesses, N iterations (build.sh
@ sets it). Each iteration reads the PL011 flag register, writes and reads back its interrupt
@ mask, writes and reads back the GIC CPU interface's priority mask, reads the distributor's
@ first set-enable register, reprograms the virtual timer (CNTV_TVAL, enabled and masked) and
@ reads its control register and the virtual count. Everything but the count (which depends
@ on time) goes into a checksum that is printed before powering off. MMU off, IRQs masked.
        .syntax unified
        .arm
        .include "common.inc"
        .ifndef N
        .equ    N, 500000
        .endif
        .equ    UARTFR, 0x18
        .equ    UARTIMSC, 0x38
        .equ    GICD_BASE, 0x08000000
        .equ    GICD_ISENABLER0, 0x100
        .equ    GICC_BASE, 0x08010000
        .equ    GICC_PMR, 0x04
        .equ    CNTV_CTL_ENABLE_IMASK, 3

        .section .text.start, "ax"
        .global _start
_start:
        ldr     r8, =UART_BASE
        ldr     r9, =GICD_BASE
        ldr     r10, =GICC_BASE
        ldr     r11, =0x7fffffff        @ timer value: far in the future
        mov     r3, #CNTV_CTL_ENABLE_IMASK
        mcr     p15, 0, r3, c14, c3, 1  @ CNTV_CTL
        mov     r0, #0                  @ checksum
        mov     r1, #0                  @ i
        ldr     r2, =N
1:      ldr     r3, [r8, #UARTFR]
        add     r0, r0, r3
        and     r3, r1, #0x70
        str     r3, [r8, #UARTIMSC]
        ldr     r3, [r8, #UARTIMSC]
        add     r0, r0, r3, ror #3
        and     r3, r1, #0xf0
        str     r3, [r10, #GICC_PMR]
        ldr     r3, [r10, #GICC_PMR]
        eor     r0, r0, r3
        ldr     r3, [r9, #GICD_ISENABLER0]
        add     r0, r0, r3
        mcr     p15, 0, r11, c14, c3, 0 @ CNTV_TVAL
        mrc     p15, 0, r3, c14, c3, 1  @ CNTV_CTL
        add     r0, r0, r3
        mrrc    p15, 1, r3, r4, c14     @ CNTVCT (not checksummed)
        add     r1, r1, #1
        cmp     r1, r2
        blo     1b
        mov     r3, #0
        str     r3, [r8, #UARTIMSC]
        mcr     p15, 0, r3, c14, c3, 1
        bl      print_hex
        power_off

        define_print_hex
        .ltorg

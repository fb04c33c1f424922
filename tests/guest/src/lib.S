@ tsemu guest test library: start-up, UART output, PRNG, hashing, test driver,
@ and a vector table that reports any unexpected exception.
@ Linked into every program (see build.ts); programs provide `main`.

        .include "lib.inc"

        .equ STACK_SVC_SIZE, 8192
        .equ STACK_SMALL_SIZE, 1024

@ ---------------------------------------------------------------- start-up
        .section .text.start, "ax", %progbits
        .global _start
_start:
        @ Record the state QEMU hands us before touching anything.
        mrs     r4, cpsr
        mrc     p15, 0, r5, c1, c0, 0           @ SCTLR
        mov     r6, sp
        mov     r7, lr
        @ Clear .bss (QEMU's loader zero-fills it too; do not rely on that).
        ldr     r0, =__bss_start
        ldr     r1, =__bss_end
        mov     r2, #0
1:      cmp     r0, r1
        strlo   r2, [r0], #4
        blo     1b
        ldr     r0, =boot_cpsr
        stm     r0, {r4-r7}                     @ boot_cpsr, boot_sctlr, boot_sp, boot_lr
        @ A stack for every mode, then back to SVC.
        cps     #MODE_ABT
        ldr     sp, =stack_abt_top
        cps     #MODE_UND
        ldr     sp, =stack_und_top
        cps     #MODE_IRQ
        ldr     sp, =stack_irq_top
        cps     #MODE_FIQ
        ldr     sp, =stack_fiq_top
        cps     #MODE_SYS
        ldr     sp, =stack_sys_top
        cps     #MODE_SVC
        ldr     sp, =stack_svc_top
        ldr     r0, =default_vectors
        mcr     p15, 0, r0, c12, c0, 0          @ VBAR
        isb
        ldr     r0, =0x2545f491
        bl      rand_seed
        bl      main
        PUTS    "DONE\n"
        b       psci_off
        .ltorg

@ ---------------------------------------------------------------- output
        .text

@ putc: write the byte in r0 to the PL011, waiting while its FIFO is full.
        .global putc
putc:
        push    {r1, r2}
        mrs     r2, apsr
        push    {r2}
        MOV32   r1, UART_BASE
1:      ldr     r2, [r1, #UARTFR]
        tst     r2, #UARTFR_TXFF
        bne     1b
        strb    r0, [r1, #UARTDR]
        pop     {r2}
        msr     APSR_nzcvqg, r2
        pop     {r1, r2}
        bx      lr

@ puts: write the NUL-terminated string at r0.
        .global puts
puts:
        push    {r0, r1, r2, lr}
        mrs     r2, apsr
        mov     r1, r0
1:      ldrb    r0, [r1], #1
        cmp     r0, #0
        blne    putc
        bne     1b
        msr     APSR_nzcvqg, r2
        pop     {r0, r1, r2, lr}
        bx      lr

@ put_hex32: write r0 as 8 upper-case hex digits.
        .global put_hex32
put_hex32:
        push    {r0, r1, r2, r3, lr}
        mrs     r3, apsr
        mov     r1, r0
        mov     r2, #8
1:      mov     r0, r1, lsr #28
        cmp     r0, #10
        addlo   r0, r0, #'0'
        addhs   r0, r0, #('A' - 10)
        bl      putc
        mov     r1, r1, lsl #4
        subs    r2, r2, #1
        bne     1b
        msr     APSR_nzcvqg, r3
        pop     {r0, r1, r2, r3, lr}
        bx      lr

@ put_dec: write r0 as an unsigned decimal number (no division instructions).
        .global put_dec
put_dec:
        push    {r0, r1, r2, r3, r4, lr}
        mrs     r4, apsr
        mov     r1, r0
        adr     r2, pow10
        mov     r3, #0                          @ 1 once a digit has been printed
1:      ldr     ip, [r2], #4
        cmp     ip, #1
        moveq   r3, #1                          @ always print the units digit
        mov     r0, #'0'
2:      cmp     r1, ip
        subhs   r1, r1, ip
        addhs   r0, r0, #1
        bhs     2b
        cmp     r0, #'0'
        movne   r3, #1
        cmp     r3, #0
        blne    putc
        cmp     ip, #1
        bne     1b
        msr     APSR_nzcvqg, r4
        pop     {r0, r1, r2, r3, r4, lr}
        bx      lr
pow10:  .word   1000000000, 100000000, 10000000, 1000000, 100000
        .word   10000, 1000, 100, 10, 1

@ psci_off: PSCI SYSTEM_OFF; QEMU exits with status 0. Never returns.
        .global psci_off
psci_off:
        MOV32   r0, PSCI_SYSTEM_OFF
        hvc     #0
1:      wfi
        b       1b

@ ---------------------------------------------------------------- PRNG, hash
@ rand_seed: set the xorshift32 state to r0 (must be non-zero).
        .global rand_seed
rand_seed:
        push    {r1}
        ldr     r1, =rng_state
        str     r0, [r1]
        pop     {r1}
        bx      lr

@ rand: r0 = next xorshift32 value.
        .global rand
rand:
        push    {r1}
        ldr     r1, =rng_state
        ldr     r0, [r1]
        XORSHIFT r0
        str     r0, [r1]
        pop     {r1}
        bx      lr

@ hash_reset: start a new hash.
        .global hash_reset
hash_reset:
        push    {r0, r1}
        ldr     r0, =hash_state
        ldr     r1, =HASH_INIT
        str     r1, [r0]
        pop     {r0, r1}
        bx      lr

@ fold: fold r0 into the running hash (r0 preserved).
        .global fold
fold:
        push    {r1, r2}
        ldr     r1, =hash_state
        ldr     r2, [r1]
        HFOLD   r2, r0
        str     r2, [r1]
        pop     {r1, r2}
        bx      lr

@ hash_get: r0 = the running hash.
        .global hash_get
hash_get:
        ldr     r0, =hash_state
        ldr     r0, [r0]
        bx      lr

@ print_hash: print "<string at r0>: HASH" and a newline.
        .global print_hash
print_hash:
        push    {r0, lr}
        bl      puts
        PUTS    ": "
        bl      hash_get
        bl      put_hex32
        PUTS    "\n"
        pop     {r0, lr}
        bx      lr
        .ltorg

@ ---------------------------------------------------------------- test driver
@ gen: r5 = operand of kind (r6 & 0xf); uses r10 as the PRNG state, r8 as the
@ special-value table (special_values), and ip as scratch; flags are clobbered.
        .global gen
gen:
        and     ip, r6, #0xf
        adr     r5, gen_table
        ldr     pc, [r5, ip, lsl #2]
gen_table:
        .word   gen_mix, gen_shift, gen_rand, gen_bytes
        .word   gen_small, gen_half, gen_small4, gen_small8
        .word   gen_mix, gen_mix, gen_mix, gen_mix
        .word   gen_mix, gen_mix, gen_mix, gen_mix
gen_mix:
        XORSHIFT r10
        tst     r10, #3
        andeq   ip, r10, #(31 << 2)
        ldreq   r5, [r8, ip]
        bxeq    lr
gen_rand:
        XORSHIFT r10
        mov     r5, r10
        bx      lr
gen_small:
        XORSHIFT r10
        and     r5, r10, #31
        bx      lr
gen_small4:
        XORSHIFT r10
        and     r5, r10, #28
        bx      lr
gen_small8:
        XORSHIFT r10
        and     r5, r10, #56
        bx      lr
gen_shift:
        XORSHIFT r10
        mov     r5, r10, ror #13
        bic     r5, r5, #0xff                   @ random upper bits must be ignored
        and     ip, r10, #(3 << 5)
        cmp     ip, #(0 << 5)
        andeq   ip, r10, #31                    @ 0..31
        cmp     ip, #(1 << 5)
        andeq   ip, r10, #3
        addeq   ip, ip, #32                     @ 32..35
        cmp     ip, #(2 << 5)
        moveq   ip, r10, lsr #24                @ 0..255
        cmp     ip, #(3 << 5)
        andeq   ip, r10, #7
        moveq   ip, ip, lsl #5                  @ multiples of 32
        orr     r5, r5, ip
        bx      lr
gen_bytes:
        XORSHIFT r10
        tst     r10, #1
        beq     gen_mix
        push    {r0, r1}
        mov     r0, #0                          @ result
        mov     r1, #4                          @ byte count
1:      XORSHIFT r10
        and     r5, r10, #7
        adr     ip, byte_specials
        ldrb    r5, [ip, r5]
        cmp     r5, #0x55
        moveq   r5, r10, lsr #24                @ 0x55 stands for "random byte"
        orr     r0, r5, r0, lsl #8
        subs    r1, r1, #1
        bne     1b
        mov     r5, r0
        pop     {r0, r1}
        bx      lr
byte_specials:
        .byte   0x00, 0x01, 0x7f, 0x80, 0x81, 0xfe, 0xff, 0x55
gen_half:
        XORSHIFT r10
        tst     r10, #1
        beq     gen_mix
        and     ip, r10, #(7 << 1)
        adr     r5, half_specials
        ldrh    r5, [r5, ip]
        cmp     r5, #0x5500
        moveq   r5, r10, lsr #16                @ 0x5500 stands for "random halfword"
        push    {r5}
        and     ip, r10, #(7 << 4)
        mov     ip, ip, lsr #3
        adr     r5, half_specials
        ldrh    r5, [r5, ip]
        cmp     r5, #0x5500
        moveq   r5, r10, lsr #16
        eoreq   r5, r5, r10, lsl #4
        moveq   r5, r5, lsl #16
        movne   r5, r5, lsl #16
        pop     {ip}
        orr     r5, r5, ip
        bx      lr
        .balign 2
half_specials:
        .hword  0x0000, 0x0001, 0x7fff, 0x8000, 0x8001, 0xfffe, 0xffff, 0x5500
        .balign 4

@ run_case: run the test case whose descriptor is at r0 (see CASE in lib.inc)
@ and print its name and hash.
        .global run_case
run_case:
        push    {r4-r11, lr}
        mov     r7, r0
        ldr     r9, [r7, #CASE_ITERS]
        ldr     r11, =HASH_INIT
        ldr     r10, =rng_state
        ldr     r10, [r10]
        ldr     r8, =special_values
1:      ldr     r6, [r7, #CASE_KINDS]
        bl      gen
        push    {r5}
        mov     r6, r6, lsr #4
        bl      gen
        push    {r5}
        mov     r6, r6, lsr #4
        bl      gen
        push    {r5}
        mov     r6, r6, lsr #4
        bl      gen
        mov     r3, r5
        pop     {r0, r1, r2}
        @ r0..r2 came off the stack in reverse order of generation: swap r0/r2
        mov     ip, r0
        mov     r0, r2
        mov     r2, ip
        XORSHIFT r10
        ldr     ip, [r7, #CASE_IN]
        and     r4, r10, ip
        ldr     ip, [r7, #CASE_BODY]
        msr     APSR_nzcvqg, r4
        blx     ip
        mrs     r4, apsr
        ldr     ip, [r7, #CASE_OUT]
        and     r4, r4, ip
        HFOLD   r11, r0
        HFOLD   r11, r1
        HFOLD   r11, r2
        HFOLD   r11, r3
        HFOLD   r11, r4
        subs    r9, r9, #1
        bne     1b
        ldr     r0, =rng_state
        str     r10, [r0]
        ldr     r0, =hash_state
        str     r11, [r0]
        ldr     r0, [r7, #CASE_NAME]
        bl      print_hash
        pop     {r4-r11, lr}
        bx      lr

@ run_all_cases: run every CASE of the program, in source order.
        .global run_all_cases
run_all_cases:
        push    {r4, r5, lr}
        ldr     r4, =__cases_start
        ldr     r5, =__cases_end
1:      cmp     r4, r5
        bhs     2f
        mov     r0, r4
        bl      run_case
        add     r4, r4, #CASE_SIZE
        b       1b
2:      pop     {r4, r5, lr}
        bx      lr
        .ltorg

        .section .rodata
        .balign 4
@ Edge values mixed into K_MIX operands.
        .global special_values
special_values:
        .word   0x00000000, 0x00000001, 0x00000002, 0x0000001f
        .word   0x00000020, 0x00000021, 0x7ffffffe, 0x7fffffff
        .word   0x80000000, 0x80000001, 0xfffffffe, 0xffffffff
        .word   0x0000ffff, 0xffff0000, 0x00008000, 0x00007fff
        .word   0x7fff8000, 0x80007fff, 0x7fff7fff, 0x80008000
        .word   0xffff8000, 0x00017fff, 0x80808080, 0x7f7f7f7f
        .word   0xff00ff00, 0x00ff00ff, 0x01010101, 0xfefefefe
        .word   0x55555555, 0xaaaaaaaa, 0x12345678, 0x0000007f

@ ---------------------------------------------------------------- vectors
@ Any exception here is a test failure: report it and power off (no DONE).
        .text
        .balign 32
        .global default_vectors
default_vectors:
        b       unexp_reset
        b       unexp_und
        b       unexp_svc
        b       unexp_pabt
        b       unexp_dabt
        b       unexp_hyp
        b       unexp_irq
        b       unexp_fiq

unexp_reset:
        mov     r0, #0
        b       unexp
unexp_und:
        mov     r0, #1
        b       unexp
unexp_svc:
        mov     r0, #2
        b       unexp
unexp_pabt:
        mov     r0, #3
        b       unexp
unexp_dabt:
        mov     r0, #4
        b       unexp
unexp_hyp:
        mov     r0, #5
        b       unexp
unexp_irq:
        mov     r0, #6
        b       unexp
unexp_fiq:
        mov     r0, #7
unexp:
        ldr     sp, =stack_emerg_top
        mov     r4, r0
        mov     r5, lr
        mrs     r6, spsr
        PUTS    "\nUNEXPECTED EXCEPTION "
        PUTDEC  r4
        PUTS    " LR="
        PUTHEX  r5
        PUTS    " SPSR="
        PUTHEX  r6
        mrc     p15, 0, r0, c5, c0, 0           @ DFSR
        PUTS    " DFSR="
        PUTHEX  r0
        mrc     p15, 0, r0, c6, c0, 0           @ DFAR
        PUTS    " DFAR="
        PUTHEX  r0
        mrc     p15, 0, r0, c5, c0, 1           @ IFSR
        PUTS    " IFSR="
        PUTHEX  r0
        mrc     p15, 0, r0, c6, c0, 2           @ IFAR
        PUTS    " IFAR="
        PUTHEX  r0
        PUTS    "\n"
        b       psci_off
        .ltorg

@ ---------------------------------------------------------------- data
        .data
        .balign 4
        .global rng_state, hash_state
rng_state:      .word 0x2545f491
hash_state:     .word HASH_INIT

        .bss
        .balign 8
@ Machine state at entry, recorded by _start (4 words, in this order).
        .global boot_cpsr, boot_sctlr, boot_sp, boot_lr
boot_cpsr:      .space 4
boot_sctlr:     .space 4
boot_sp:        .space 4
boot_lr:        .space 4
        .balign 8
        .space  STACK_SVC_SIZE
        .global stack_svc_top
stack_svc_top:
        .space  STACK_SMALL_SIZE
        .global stack_abt_top
stack_abt_top:
        .space  STACK_SMALL_SIZE
        .global stack_und_top
stack_und_top:
        .space  STACK_SMALL_SIZE
        .global stack_irq_top
stack_irq_top:
        .space  STACK_SMALL_SIZE
        .global stack_fiq_top
stack_fiq_top:
        .space  STACK_SMALL_SIZE
        .global stack_sys_top
stack_sys_top:
        .space  STACK_SMALL_SIZE
stack_emerg_top:
